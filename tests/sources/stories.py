"""Short Vietnamese news stories written for the web tests (the project's own text)."""

from __future__ import annotations

from news_pages import Story

STORIES = [
    Story(
        "thu-vien",
        "Thư viện sách cũ mở cửa miễn phí giữa lòng phố cổ",
        "Một nhóm bạn trẻ vừa mở thư viện sách cũ miễn phí trên phố Hàng Bạc, mỗi ngày đón "
        "hàng trăm lượt người đến đọc và mượn sách.",
        (
            "Thư viện nằm trên tầng hai của một ngôi nhà cổ, rộng chừng sáu mươi mét vuông, "
            "với hơn ba nghìn cuốn sách do người dân quyên góp.",
            "Chị Nguyễn Thu Hà, người khởi xướng, cho biết nhóm muốn tạo một góc yên tĩnh "
            "cho học sinh và người lao động sau giờ làm việc.",
            "Người đọc không phải trả tiền, chỉ cần ghi tên vào sổ khi mượn sách về nhà và "
            "trả lại trong vòng hai tuần.",
            "Những ngày cuối tuần, thư viện tổ chức buổi đọc truyện cho trẻ em và buổi trao "
            "đổi sách giữa các gia đình trong khu phố.",
        ),
        "2026-12-03",
    ),
    Story(
        "xe-buyt-dien",
        "Hà Nội thêm năm tuyến xe buýt điện nối các khu đô thị mới",
        "Từ đầu tháng tới, năm tuyến xe buýt điện mới sẽ chạy từ các khu đô thị phía tây "
        "vào trung tâm thành phố, giá vé không đổi.",
        (
            "Theo Sở Giao thông vận tải, mỗi tuyến có mười hai xe, chạy từ năm giờ sáng đến "
            "mười giờ tối, cách nhau khoảng mười lăm phút.",
            "Các xe đều có chỗ cho xe lăn, cổng sạc điện thoại và bảng điện tử báo trạm "
            "dừng bằng tiếng Việt và tiếng Anh.",
            "Đại diện doanh nghiệp vận hành cho biết xe điện giúp giảm tiếng ồn và khí thải "
            "trên những tuyến phố đông dân cư.",
            "Người dân có thể tra lịch chạy xe và vị trí xe theo thời gian thực trên ứng "
            "dụng của thành phố.",
        ),
        "2026-12-04",
    ),
    Story(
        "mua-lua",
        "Nông dân đồng bằng sông Cửu Long trúng mùa lúa thu đông",
        "Vụ lúa thu đông năm nay cho năng suất cao hơn năm trước, giá bán tại ruộng cũng "
        "tăng nhẹ nhờ nhu cầu xuất khẩu.",
        (
            "Tại An Giang, nhiều cánh đồng đạt gần bảy tấn mỗi héc ta, cao nhất trong ba năm "
            "trở lại đây.",
            "Ông Trần Văn Lộc, một nông dân ở huyện Châu Phú, cho biết gia đình ông lãi hơn "
            "hai mươi triệu đồng sau khi trừ chi phí.",
            "Các thương lái đến tận ruộng thu mua, nhiều nơi đặt cọc trước khi lúa chín để "
            "giữ nguồn hàng.",
            "Ngành nông nghiệp khuyến cáo bà con giữ lại giống tốt và chuẩn bị đất cho vụ "
            "đông xuân sắp tới.",
        ),
        "2026-12-05",
    ),
]
